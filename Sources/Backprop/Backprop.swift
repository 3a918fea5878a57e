// The umbrella module: `import Backprop` brings in everything.
@_exported import BackpropMatrix
@_exported import BackpropNN
@_exported import BackpropCompression
@_exported import BackpropHDF5
@_exported import BackpropFormats
@_exported import BackpropPlot
