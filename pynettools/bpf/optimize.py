def optimize(root):
    return root
