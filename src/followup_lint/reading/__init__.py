"""Reading input into a Note: every format (email, HTML, Markdown, templates) and every kind
of text that is not the writer's prose (quoted replies, signatures, placeholders, markup).

Nothing here knows about rules: the rules read the Note this wing builds.
"""
