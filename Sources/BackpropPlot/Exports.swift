// Plots draw and write BackpropIO's Image: importing BackpropPlot brings it too.
@_exported import BackpropIO
