// Installer: see DESIGN.md.
