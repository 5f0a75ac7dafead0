"""The use cases that the command line (and later the web app and the watcher) share, over the
:class:`~pressespiegel.store.Store` protocol: annotate and store a batch of inputs
(:mod:`.batch`), link stored articles into stories and keep their dossiers and dossier files
current (:mod:`.stories`).

Nothing is imported here: a command imports the use case it runs, so that one which only
annotates never loads the story layer's libraries.
"""
