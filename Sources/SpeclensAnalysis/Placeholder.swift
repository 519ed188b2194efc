import CLapacke
