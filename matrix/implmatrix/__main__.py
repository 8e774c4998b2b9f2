import sys

from implmatrix.cli import main

sys.exit(main())
