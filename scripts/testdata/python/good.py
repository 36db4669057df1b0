"""Twin of good.ipynb: the same values, the last printed more precisely."""
import matplotlib.pyplot as plt
import numpy as np

# %% cell 3
plt.figure()
plt.plot([0, 1], [0, 1])
plt.figure()
plt.plot([0, 1], [1, 0])
plt.show()
print(np.array([1, 1, 1, 1, 1]))
print("weights:", np.array([0.31703, 0.339, 0.344]))
print("converged:", True)

# %% cell 4 uncompared: a clock reading differs on every run
print("took", 12, "ns")
