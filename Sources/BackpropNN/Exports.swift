// BackpropNN's API takes and returns matrices: importing BackpropNN brings BackpropMatrix too.
@_exported import BackpropMatrix
