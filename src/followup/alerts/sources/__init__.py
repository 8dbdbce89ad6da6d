"""The job sources: for each, where to ask (`registry`) and a parser, a pure function of the
response bytes that returns normalised postings or raises `SourceError`."""
