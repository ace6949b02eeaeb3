"""The task page: the business, its history, check-in, the checklist and recording."""
