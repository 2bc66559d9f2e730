// Every workflow the complaints worker runs. The prebuilt bundle starts from this file.
export { ping } from './ping';
export { complaint } from './complaint';
