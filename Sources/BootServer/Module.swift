// BootServer: see DESIGN.md.
