// @ts-check
export default {};
