// ProvisionStore: see DESIGN.md.
