"""The warehouse SQL, shipped as package data: layered folders applied in order, and checks."""
