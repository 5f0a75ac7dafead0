"""Language id, sentences, tokens, part of speech and lemmas."""

#: The German taggers (:mod:`.tokens`): ``fast`` (the default, a perceptron trained on HanTa's
#: tags) and ``hanta`` (HanTa itself, the reference).
TAGGERS = ("fast", "hanta")
DEFAULT_TAGGER = "fast"
