"""Twin of twin_raises.ipynb: its section raises."""

# %% cell 2
print(1 / 0)
