// ProvisionModel: see DESIGN.md.
