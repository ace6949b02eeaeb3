"""The domain: entities and rules. Plain Python; imports nothing of ours."""
