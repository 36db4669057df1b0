"""Twin of twin_problems.ipynb: a misspelt marker and one naming a markdown cell."""

# %% cel 3
print(1)

# %% cell 2
print(2)
