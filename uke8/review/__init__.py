"""The veileder's review: read models for the queue, the case page and the statistics, and
the use cases only the review pages have (assign, note, mark ferdigbehandlet).

Pure queries and use cases on an open Session, like the use cases in uke8.cases; the pages in
api/pages are thin routes over these.
"""
