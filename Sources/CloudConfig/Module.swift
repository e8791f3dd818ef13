// CloudConfig: see DESIGN.md.
