"""The lead's review page of one submitted visit, in modules: the page and its layout
(``page``), where it reads and writes (``access``), the visit's summary (``summary``), the
item table and the selected item (``items``), the lead's comments (``comments``) and the
decision (``decision``).
"""

from inspector_app.ui.lead.review_page.access import (
    ReviewAccess,
    co_review_access,
    own_access,
)
from inspector_app.ui.lead.review_page.page import ReviewPage

__all__ = ["ReviewAccess", "ReviewPage", "co_review_access", "own_access"]
