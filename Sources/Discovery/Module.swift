// Discovery: see DESIGN.md.
