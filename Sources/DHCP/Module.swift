// DHCP: see DESIGN.md.
