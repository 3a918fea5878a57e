import Backprop
print("backprop: not yet")
