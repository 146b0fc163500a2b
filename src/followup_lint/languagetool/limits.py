"""LanguageTool's limits, in a module of their own so that rules can read them cheaply."""

#: The most characters one request may hold; the server is started with this maxTextLength
#: and the grammar check never sends more.
MAX_TEXT = 50_000
