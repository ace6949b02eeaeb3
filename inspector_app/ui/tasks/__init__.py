"""The task list page: views, filters, search and the table of tasks."""
