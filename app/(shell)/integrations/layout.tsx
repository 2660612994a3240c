export { default } from "../org-only";
