"""Language id, sentences, tokens, part of speech and lemmas."""
