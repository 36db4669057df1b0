"""Twin of mismatches.ipynb: each section disagrees with its cell in one way
(see test_nbrun.py), except the last, whose cell may show -Inf."""
import matplotlib.pyplot as plt

# %% cell 3
print("weights:", 0.317, 0.339)

# %% cell 4
print("mean:", 1.5)

# %% cell 5
print("gmmlab: X has 3 features but the model was fit on 2")

# %% cell 6
plt.plot([0, 1], [0, 1])
plt.show()

# %% cell 7
print("no figure here")

# %% cell 8
print(1, 2, 3)

# %% cell 10 exact
print("Group counts:", {0: 100, 1: 100})

# %% cell 11
print("log-likelihood of a point at infinity:")
