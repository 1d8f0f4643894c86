import { double } from "../double/double.ts";
