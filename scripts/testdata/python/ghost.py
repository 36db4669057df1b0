"""The twin of a notebook that does not exist."""

# %% cell 2
print(1)
