// Write tests of scale (see README.md) that wrong versions of it fail.
import { scale } from "../scale_layer/scale.ts";
