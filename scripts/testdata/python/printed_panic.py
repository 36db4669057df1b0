"""Twin of printed_panic.ipynb: its cell prints nothing."""

# %% cell 2
pass
