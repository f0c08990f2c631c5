module layerpad/tools/tarlist

go 1.19
