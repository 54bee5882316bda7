// Placeholder so the target builds until the NNPlot work lands; delete it then.
