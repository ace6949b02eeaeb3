"""The team lead's window: the review queue and the review page (issue 14).

Search (ui/lookup) and Statistics (ui/stats) pages join the window through
:meth:`~inspector_app.ui.lead.window.LeadWindow.add_page` (see ``window.EXTRA_PAGES``).
"""
