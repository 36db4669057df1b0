"""Twin of compile_error.ipynb: its cell prints nothing."""

# %% cell 2
pass
