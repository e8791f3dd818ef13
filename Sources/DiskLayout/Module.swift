// DiskLayout: see DESIGN.md.
