// ImageTrust: see DESIGN.md.
