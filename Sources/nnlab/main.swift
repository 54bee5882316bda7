import NNLab
