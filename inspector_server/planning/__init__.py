"""Planning (双随机、一公开): directory and checklist imports, scenario previews, draws."""
