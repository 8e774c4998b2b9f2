# category: stdlib
# feature: textwrap wrap, fill, dedent, indent, shorten
# since: 2.3 (wrap, fill), 3.3 (indent), 3.4 (shorten)
import textwrap

text = "The quick brown fox jumps over the lazy dog and keeps on running far away."
print(textwrap.wrap(text, 20))
print(textwrap.fill(text, width=30, initial_indent="> ", subsequent_indent="  "))
block = """
    def f():
        return 1
"""
print(repr(textwrap.dedent(block)))
try:
    print(repr(textwrap.indent("a\n\nb\n", "# ")))
except Exception as e:
    print("indent: " + type(e).__name__)
try:
    print(textwrap.shorten(text, width=30, placeholder="..."))
except Exception as e:
    print("shorten: " + type(e).__name__)
print(textwrap.wrap("supercalifragilisticexpialidocious", 10))
print(textwrap.wrap("a-b-c-d-e-f-g-h", 5))
