import CCmark
import Mustache
import SpeclensDataset
