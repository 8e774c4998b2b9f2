"""Start-up: a program that only imports a few common standard modules."""
import collections
import json
import re

assert collections and json and re
