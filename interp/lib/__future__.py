"""__future__ for elide: the features are always on (annotations are kept as strings)."""
annotations = True
division = True
absolute_import = True
print_function = True
generator_stop = True
with_statement = True
nested_scopes = True
generators = True
unicode_literals = True
