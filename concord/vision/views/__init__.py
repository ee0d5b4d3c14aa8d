"""The Vision tab's pages, one module per part, as the services are split:

- home: the tab itself (the document, its comments by section, the rounds);
- document: edit (a new revision), objectives, sign-off, diff and exports of the vision;
- comments: the comments on the vision's sections, listed, added and resolved;
- rounds: the blind submission rounds, a party's answers, reveal and the alignment report.
"""
