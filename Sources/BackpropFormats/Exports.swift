// The readers return and the writers take BackpropIO's Image: importing BackpropFormats brings it too.
@_exported import BackpropIO
