// TFTP: see DESIGN.md.
