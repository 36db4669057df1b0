"""Twin of ignored_show.ipynb."""

# %% cell 2
pass
