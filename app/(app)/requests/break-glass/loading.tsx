export { default } from "../new/loading";
