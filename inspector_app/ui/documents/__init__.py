"""The documents page of a visit: what it needs, drafts, issuing, printing, delivery, void."""
