"""Use cases of the job alerts: sources, saved searches, runs (fetch, de-duplicate, match,
deliver), the delivery settings, and saving a job as an application."""
